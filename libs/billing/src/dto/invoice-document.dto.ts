import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class InvoiceDocumentQuery {
  @ApiPropertyOptional({ enum: ['fi', 'en'], description: "Default: English for a buyer abroad, else the tenant's language." })
  @IsOptional() @IsIn(['fi', 'en'])
  lang?: 'fi' | 'en';
}

export class SendInvoiceDto {
  @ApiPropertyOptional({ enum: ['fi', 'en'], description: "The e-mail's and the PDF's language; default as for the PDF." })
  @IsOptional() @IsIn(['fi', 'en'])
  lang?: 'fi' | 'en';
}

export class InvoiceSentDto {
  @ApiProperty({ format: 'uuid', description: "The outbox message's id." }) messageId: string;
  @ApiProperty({ description: 'The address it went to.' }) to: string;
}
