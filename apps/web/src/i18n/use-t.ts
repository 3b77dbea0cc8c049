// `t('key', values)`: a message from the catalogs, with the key checked against the Finnish catalog at compile time.
import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type fi from './fi.json';

export type MessageId = keyof typeof fi;
export type MessageValues = Record<string, string | number | Date>;

export function useT(): (id: MessageId, values?: MessageValues) => string {
  const intl = useIntl();
  return useCallback((id, values) => intl.formatMessage({ id }, values), [intl]);
}
