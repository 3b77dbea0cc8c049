// Liveness and database reachability, for load balancers and humans.
import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/postgresql';
import { ProblemException, Public } from '@app/core';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly orm: MikroORM) {}

  @Get()
  @Public()
  async health() {
    try {
      await this.orm.em.fork().execute('select 1');
    } catch {
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'database-unavailable', 'The database is not reachable');
    }
    return { status: 'ok', database: 'up' };
  }
}
