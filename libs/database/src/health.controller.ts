// Liveness and database reachability, for load balancers and humans.
import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemException, Public } from '@app/core';
import { DatabaseHealth } from './database-health';
import { HealthDto } from './health.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: DatabaseHealth) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiResponse({ status: 503, description: 'The database does not answer: problem+json with the reason and Retry-After.' })
  async check() {
    const report = await this.health.check();
    if (report.database === 'down') {
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'database-unavailable', 'The database is not reachable', report.reason, { retryAfterSeconds: 5, ...report });
    }
    return { status: 'ok', ...report };
  }
}
