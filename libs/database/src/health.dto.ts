import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EmbeddedStateDto {
  @ApiProperty() running: boolean;
  @ApiProperty({ description: 'Times the embedded server was started again after it died.' }) restarts: number;
  @ApiProperty({ description: 'Restarts stopped; an operator must act.' }) gaveUp: boolean;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ enum: ['up'] }) database: 'up';
  @ApiPropertyOptional({ type: EmbeddedStateDto, description: 'Only when the API runs the embedded PostgreSQL.' }) embedded?: EmbeddedStateDto;
}
