// A customer the retention run flagged for review (ReviewItem), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';

export class ReviewItemDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ format: 'date-time', description: 'The last sign of the customer relationship.' }) lastActivityAt: string;
  @ApiProperty({ format: 'date-time' }) flaggedAt: string;
  @ApiProperty() reviewAfterMonths: number;
}
