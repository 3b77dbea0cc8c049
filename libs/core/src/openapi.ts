// OpenAPI descriptions shared by every module: the problem+json body of errors, and pages of a list. The web
// console's typed client is generated from these, so they must say what the server really sends.
import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';

export class FieldErrorDto {
  @ApiProperty({ example: 'email', description: 'The path of the field in the request (`lines.0.quantity`).' })
  field: string;

  @ApiProperty({ example: 'email must be an email' })
  message: string;
}

/** RFC 9457 problem details; modules may add extensions (such as `openInvoices`), described where they do. */
export class ProblemDto {
  @ApiProperty({ example: 'https://rekisteri.dev/problems/validation', description: 'Stable per failure; the last segment is the code.' })
  type: string;

  @ApiProperty({ example: 'The request is not valid' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional({ description: 'Quote it when reporting a problem; also in the X-Request-Id header.' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Field errors of a 400 validation problem.' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ description: 'On 429: seconds until trying again can succeed (also in Retry-After).' })
  retryAfterSeconds?: number;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (field errors in `errors`).',
  401: 'Not signed in, or the session ended.',
  403: 'Signed in, but the role does not allow this.',
  404: 'No such resource here (another tenant\'s is answered the same way).',
  409: 'Conflicts with the current state (a stale version, a taken e-mail address, a state that does not allow this).',
  429: 'Too many attempts; `retryAfterSeconds` says when to try again.',
};

/** Documents the problem+json answers a route can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Problem', content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
}

const pages = new Map<Type<unknown>, Type<unknown>>();

/** The response class of a keyset-paginated list of `item` (see pagination.ts). */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; nextCursor: string | null }> {
  const known = pages.get(item);
  if (known) return known as Type<{ items: T[]; nextCursor: string | null }>;
  class Page {
    @ApiProperty({ type: () => [item] })
    items: T[];

    @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
    nextCursor: string | null;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  pages.set(item, Page);
  return Page;
}
