// Payment reminders: what staff send, what the history and the settings look like.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class SendReminderDto {
  @ApiPropertyOptional({ enum: ['fi', 'en'], description: "The e-mail's and the PDF's language; default: English for a buyer abroad, else the tenant's language." })
  @IsOptional() @IsIn(['fi', 'en'])
  lang?: 'fi' | 'en';
}

export class InvoiceReminderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: "1 for the invoice's first reminder, and so on." }) ordinal: number;
  @ApiProperty({ enum: ['manual', 'automatic'] }) kind: string;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ description: 'Who sent it (a staff key, or `scheduled` for the nightly job).' }) actor: string;
  @ApiProperty({ enum: ['fi', 'en'] }) lang: string;
  @ApiProperty({ format: 'uuid', description: "The outbox message's id." }) messageId: string;
}

export class ReminderSentDto {
  @ApiProperty({ type: InvoiceReminderDto }) reminder: InvoiceReminderDto;
  @ApiProperty({ description: 'The address it went to.' }) to: string;
}

export class ReminderSettingsDto {
  @ApiProperty({ description: 'Whether the nightly job sends reminders. Off by default.' }) enabled: boolean;
  @ApiProperty({ example: 14, description: 'Days after the due date before the first automatic reminder.' }) daysAfterDue: number;
  @ApiProperty({ example: 2, description: 'At most this many reminders per invoice (manual ones count).' }) maxReminders: number;
  @ApiProperty({ example: 14, description: 'Days at least between two reminders of an invoice.' }) minIntervalDays: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, nullable: true }) updatedBy: string | null;
  @ApiProperty() version: number;
}

export class UpdateReminderSettingsDto {
  @ApiProperty() @IsBoolean()
  enabled: boolean;

  @ApiProperty({ minimum: 1, maximum: 365, example: 14 })
  @IsInt() @Min(1) @Max(365)
  daysAfterDue: number;

  @ApiProperty({ minimum: 1, maximum: 10, example: 2 })
  @IsInt() @Min(1) @Max(10)
  maxReminders: number;

  @ApiProperty({ minimum: 14, maximum: 365, example: 14 })
  @IsInt() @Min(14) @Max(365)
  minIntervalDays: number;

  @ApiProperty({ description: 'The version read: a stale one answers 409.' })
  @IsInt() @Min(1)
  version: number;
}
