// Runs the project's `?`-placeholder SQL (what MikroORM's em.execute and the schema migrator speak) on a raw
// pg client, so a restore can migrate and re-apply erasures on the one connection that holds its COPY.
import type { ClientBase } from 'pg';
import type { TransactionExecutor } from '@app/database';

/**
 * `?` placeholders to pg's `$n`, leaving alone what is quoted ('text', "identifiers", $tag$ bodies $tag$)
 * or commented. Without parameters the text is sent as it is.
 */
export function toPositional(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; ) {
    const rest = sql.slice(i);
    const quoted = /^('(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest) ?? dollarQuoted(rest);
    if (quoted) {
      out += quoted[0];
      i += quoted[0].length;
    } else if (sql[i] === '?') {
      out += `$${++n}`;
      i++;
    } else {
      out += sql[i++];
    }
  }
  return out;
}

function dollarQuoted(rest: string): RegExpExecArray | null {
  const open = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
  if (!open) return null;
  const close = rest.indexOf(open[0], open[0].length);
  return close < 0 ? null : ([rest.slice(0, close + open[0].length)] as unknown as RegExpExecArray);
}

export function executorOn(client: ClientBase): TransactionExecutor {
  return async (sql, params = []) => (await client.query(params.length ? toPositional(sql) : sql, params)).rows;
}
