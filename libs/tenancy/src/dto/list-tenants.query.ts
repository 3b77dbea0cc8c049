import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListTenantsQuery {
  @ApiPropertyOptional({ maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The slug of the last tenant of the previous page.' })
  @IsOptional() @IsString() @MaxLength(40)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Part of the slug, legal name or business ID (any case).' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['active', 'suspended', 'left'] })
  @IsOptional() @IsIn(['active', 'suspended', 'left'])
  status?: 'active' | 'suspended' | 'left';
}
