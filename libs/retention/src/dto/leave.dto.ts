// Leaving the platform: the owner's request, and the state of it, for the OpenAPI document.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class RequestLeaveDto {
  @ApiProperty({ description: "The business's registered name, typed by the owner as a confirmation (case does not matter).", maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  confirmation: string;

  @ApiPropertyOptional({ description: 'Why the business leaves, if the owner wants to say.', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class LeaveStatusDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When leaving was requested; null when it has not been.' })
  requestedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'From this moment the nightly job deletes the register (the grace period ends).' })
  leaveAfter: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The member of staff who asked.' })
  requestedByName: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
}
