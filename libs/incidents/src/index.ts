export * from './incidents.module';
export { INCIDENT_TOPIC, IncidentsService } from './incidents.service';
export { CONTROLLER_DEADLINE_HOURS, type ClockState, type ControllerClock } from './incident-clock';
export { INCIDENT_DATA_CATEGORIES, type IncidentDataCategory } from './incident-texts';
export type { IncidentView, IncidentTenantView, TenantIncidentView, NoticeCounts, DeliveryCounts } from './incident-views';
export { CreateIncidentDto, CreateNoticeDto } from './dto/incident.dto';
