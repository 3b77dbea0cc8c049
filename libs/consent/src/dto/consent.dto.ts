import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { Injectable, PipeTransform } from '@nestjs/common';
import { PageQuery, ValidationProblem } from '@app/core';
import { PURPOSES, type Purpose } from '../consent.entity';

export class SetConsentDto {
  @ApiProperty({ description: 'true gives consent, false withdraws it.' })
  @IsBoolean()
  granted: boolean;
}

/** Validates the `:purpose` path segment. */
@Injectable()
export class PurposePipe implements PipeTransform<string, Purpose> {
  transform(value: string): Purpose {
    if (!(PURPOSES as readonly string[]).includes(value)) throw new ValidationProblem([{ field: 'purpose', message: `purpose must be one of ${PURPOSES.join(', ')}` }]);
    return value as Purpose;
  }
}

export class AudienceQuery extends PageQuery {
  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose: Purpose;
}
