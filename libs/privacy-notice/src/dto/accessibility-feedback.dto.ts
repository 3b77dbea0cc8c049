// Feedback on the accessibility statement's feedback form, and the receipt the sender gets.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

/** No control characters but line breaks and tabs (the message goes into an e-mail). */
const PRINTABLE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

export class AccessibilityFeedbackDto {
  @ApiProperty({ description: 'What was hard to use, and where.', minLength: 10, maxLength: 5000 })
  @IsString() @Length(10, 5000) @Matches(PRINTABLE, { message: 'message must not contain control characters' })
  message: string;

  @ApiPropertyOptional({ description: 'For a reply; without it the feedback is anonymous.', maxLength: 254 })
  @IsOptional() @IsEmail({}, { message: 'email must be an e-mail address' }) @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional() @IsString() @Length(1, 200) @Matches(/^[^\u0000-\u001F\u007F]*$/, { message: 'name must be on one line' })
  name?: string;

  @ApiPropertyOptional({ description: 'The page the feedback is about (an address or its name).', maxLength: 500 })
  @IsOptional() @IsString() @Length(1, 500) @Matches(/^[^\u0000-\u001F\u007F]*$/, { message: 'page must be on one line' })
  page?: string;

  @ApiPropertyOptional({ enum: ['fi', 'en'], description: 'The language of the reply.' })
  @IsOptional() @IsIn(['fi', 'en'])
  language?: 'fi' | 'en';
}

export class AccessibilityFeedbackReceiptDto {
  @ApiProperty({ format: 'uuid', description: 'The queued message; quote it when asking about the feedback.' }) id: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}
