// Liveness and database reachability, for load balancers and humans.
import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/postgresql';
import { ProblemException, Public } from '@app/core';
import { HealthDto } from './health.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly orm: MikroORM) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiResponse({ status: 503, description: 'The database does not answer (problem+json).' })
  async health() {
    try {
      await this.orm.em.fork().execute('select 1');
    } catch {
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'database-unavailable', 'The database is not reachable');
    }
    return { status: 'ok', database: 'up' };
  }
}
