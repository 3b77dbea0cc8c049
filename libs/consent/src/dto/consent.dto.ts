import { ApiProperty } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Injectable, PipeTransform } from '@nestjs/common';
import { PageQuery, ValidationProblem } from '@app/core';
import { PURPOSES, type Purpose } from '../consent.entity';

export class SetConsentDto {
  @ApiProperty({ description: 'true gives consent, false withdraws it.' })
  @IsBoolean()
  granted: boolean;

  @ApiPropertyOptional({ enum: ['fi', 'en'], description: "The language of the wording the person was shown (default: the business's language); the ledger keeps those words." })
  @IsOptional()
  @IsIn(['fi', 'en'])
  lang?: 'fi' | 'en';
}

/** Staff record a consent on the person's written request: what the form said, and where the proof is. */
export class StaffSetConsentDto extends SetConsentDto {
  @ApiPropertyOptional({ description: 'The words of the written consent the person signed, when not the standard wording.', minLength: 1, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  wording?: string;

  @ApiPropertyOptional({
    description: 'How the written consent is evidenced (what the person signed or sent, when, where it is kept). Required to give consent for a person who has objected to direct marketing.',
    minLength: 10,
    maxLength: 1000,
  })
  @IsOptional()
  @IsString()
  @Length(10, 1000)
  evidence?: string;
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
