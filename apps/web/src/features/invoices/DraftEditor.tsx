// The draft editor: lines (description, quantity, net unit price in euros typed the Finnish way, a VAT rate in
// force today), payment term and notes, with the totals the API computes for them as the user types.
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { Form } from 'react-aria-components';
import { useLocale } from '../../app/providers';
import { formatMoney } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { ApiError } from '../../api/problem';
import { formatPercent } from './amounts';
import { type DraftLine, type DraftValues, emptyLine, type LineField, linesBody, type ShownErrors } from './draft';
import { SelectField, TextAreaField } from './fields';
import { InvoiceTotals } from './InvoiceTotals';
import { useDraftPrice, type VatRate } from './queries';
import styles from './invoices.module.css';

export interface DraftEditorProps {
  tenant: string;
  values: DraftValues;
  onChange: (values: DraftValues) => void;
  rates: VatRate[];
  /** One object per attempt: a server error stays beside its field until the user edits that field. */
  errors: ShownErrors;
  onSubmit: () => void;
  /** Shown above the lines (a conflict, a failure). */
  before?: ReactNode;
  actions: ReactNode;
}

/** Waits for typing to pause before asking the API for totals. */
function useSettled<T>(value: T, delayMs = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

export function DraftEditor({ tenant, values, onChange, rates, errors, onSubmit, before, actions }: DraftEditorProps) {
  const t = useT();
  const [edited, setEdited] = useState<{ errors: ShownErrors; fields: Set<string> }>({ errors, fields: new Set() });
  const editedFields = edited.errors === errors ? edited.fields : new Set<string>();
  const [focusLine, setFocusLine] = useState<string | null>(null);
  const markEdited = (name: string) => setEdited({ errors, fields: new Set(editedFields).add(name) });
  const shown = (key: string, field: LineField) => (editedFields.has(`${key}.${field}`) ? undefined : errors.lines[key]?.[field]);

  // The lines as the API takes them, as a string: the same lines ask once, whatever the renders in between.
  const typed = useMemo(() => JSON.stringify(linesBody(values.lines)), [values.lines]);
  const settled = useSettled(typed);
  const price = useDraftPrice(tenant, JSON.parse(settled));
  const current = settled === typed && !price.isPlaceholderData && !price.isFetching;

  useEffect(() => {
    if (!focusLine) return;
    document.getElementById(focusLine)?.focus();
    setFocusLine(null);
  }, [focusLine]);

  const setLine = (key: string, field: LineField, value: string) => {
    markEdited(`${key}.${field}`);
    onChange({ ...values, lines: values.lines.map((line) => (line.key === key ? { ...line, [field]: value } : line)) });
  };
  const addLine = () => {
    const line = emptyLine(rates[0] ? String(rates[0].vatRate) : '');
    onChange({ ...values, lines: [...values.lines, line] });
    setFocusLine(`${line.key}-description`);
  };
  const removeLine = (index: number) => {
    const lines = values.lines.filter((_, i) => i !== index);
    onChange({ ...values, lines });
    // Focus goes to the line that took its place, or the one before it.
    const next = lines[Math.min(index, lines.length - 1)];
    setFocusLine(`${next.key}-description`);
  };

  return (
    <Form
      // Checked here and by the server, not by the browser: its refusals linger after the field is fixed.
      validationBehavior="aria"
      className={styles.editor}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {before}
      {errors.form.length > 0 && (
        <Notice tone="error" title={t('invoices.error.formTitle')}>
          <ul>
            {errors.form.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </Notice>
      )}
      <section className={styles.panel} aria-labelledby="draft-lines">
        <h2 id="draft-lines">{t('invoices.lines.title')}</h2>
        <p className={styles.help}>{t('invoices.lines.help')}</p>
        <ol className={styles.lineList}>
          {values.lines.map((line, index) => (
            <li key={line.key}>
              <LineFields
                line={line}
                index={index}
                rates={rates}
                netCents={current ? price.data?.lines[index]?.netCents : undefined}
                error={(field) => shown(line.key, field)}
                onChange={(field, value) => setLine(line.key, field, value)}
                onRemove={values.lines.length > 1 ? () => removeLine(index) : undefined}
              />
            </li>
          ))}
        </ol>
        <Button onPress={addLine}>{t('invoices.lines.add')}</Button>
      </section>

      <section className={styles.panel} aria-labelledby="draft-totals">
        <h2 id="draft-totals">{t('invoices.totals.title')}</h2>
        <DraftTotals price={price} readable={typed !== 'null'} updating={!current} />
      </section>

      <section className={styles.panel} aria-labelledby="draft-terms">
        <h2 id="draft-terms">{t('invoices.terms.title')}</h2>
        <div className={styles.terms}>
          <TextField
            label={t('invoices.field.paymentTermDays')}
            description={t('invoices.help.paymentTermDays')}
            inputMode="numeric"
            size="short"
            isRequired
            value={values.paymentTermDays}
            onChange={(value) => {
              markEdited('paymentTermDays');
              onChange({ ...values, paymentTermDays: value });
            }}
            errorMessage={editedFields.has('paymentTermDays') || !errors.fields.paymentTermDays ? undefined : t(errors.fields.paymentTermDays)}
          />
          <TextAreaField
            label={t('invoices.field.notes')}
            description={t('invoices.help.notes')}
            maxLength={2000}
            value={values.notes}
            onChange={(value) => {
              markEdited('notes');
              onChange({ ...values, notes: value });
            }}
            errorMessage={editedFields.has('notes') || !errors.fields.notes ? undefined : t(errors.fields.notes)}
          />
        </div>
      </section>
      <div className={styles.actions}>{actions}</div>
    </Form>
  );
}

interface LineFieldsProps {
  line: DraftLine;
  index: number;
  rates: VatRate[];
  netCents: number | undefined;
  error: (field: LineField) => MessageId | undefined;
  onChange: (field: LineField, value: string) => void;
  onRemove?: () => void;
}

function LineFields({ line, index, rates, netCents, error, onChange, onRemove }: LineFieldsProps) {
  const t = useT();
  const { locale } = useLocale();
  const message = (field: LineField) => {
    const id = error(field);
    return id ? t(id) : undefined;
  };
  // A rate the draft was saved with that has since ended stays choosable, said to be out of force.
  const known = rates.some((rate) => String(rate.vatRate) === line.vatRate);
  return (
    <fieldset className={styles.line}>
      <legend className={styles.lineLegend}>{t('invoices.lines.line', { number: index + 1 })}</legend>
      <div className={styles.lineGrid}>
        <div className={styles.description}>
          <TextField
            id={`${line.key}-description`}
            label={t('invoices.field.description')}
            isRequired
            maxLength={500}
            autoComplete="off"
            value={line.description}
            onChange={(value) => onChange('description', value)}
            errorMessage={message('description')}
          />
        </div>
        <TextField
          id={`${line.key}-quantity`}
          label={t('invoices.field.quantity')}
          inputMode="decimal"
          autoComplete="off"
          value={line.quantity}
          onChange={(value) => onChange('quantity', value)}
          errorMessage={message('quantity')}
        />
        <TextField
          id={`${line.key}-unitPrice`}
          label={t('invoices.field.unitPrice')}
          inputMode="decimal"
          autoComplete="off"
          value={line.unitPrice}
          onChange={(value) => onChange('unitPrice', value)}
          errorMessage={message('unitPrice')}
        />
        <SelectField id={`${line.key}-vatRate`} label={t('invoices.field.vatRate')} value={line.vatRate} onChange={(value) => onChange('vatRate', value)} errorMessage={message('vatRate')}>
          {line.vatRate === '' && <option value="">{t('invoices.field.vatRateChoose')}</option>}
          {!known && line.vatRate !== '' && <option value={line.vatRate}>{t('invoices.field.vatRateEnded', { rate: formatPercent(Number(line.vatRate), locale) })}</option>}
          {rates.map((rate) => (
            <option key={rate.vatRate} value={String(rate.vatRate)}>
              {formatPercent(rate.vatRate, locale)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className={styles.lineFooter}>
        <p className={styles.lineNet}>
          {t('invoices.lines.net')} <strong>{netCents === undefined ? '…' : formatMoney(netCents, locale)}</strong>
        </p>
        {onRemove && (
          <Button variant="quiet" onPress={onRemove} aria-label={t('invoices.lines.removeNamed', { number: index + 1 })}>
            {t('invoices.lines.remove')}
          </Button>
        )}
      </div>
    </fieldset>
  );
}

function DraftTotals({ price, readable, updating }: { price: ReturnType<typeof useDraftPrice>; readable: boolean; updating: boolean }) {
  const t = useT();
  if (!readable) return <p className={styles.muted}>{t('invoices.totals.notYet')}</p>;
  if (price.error) {
    if (price.error instanceof ApiError && price.error.kind === 'validation') return <p className={styles.muted}>{t('invoices.totals.checkLines')}</p>;
    return <ErrorState error={price.error} onRetry={() => void price.refetch()} />;
  }
  if (!price.data) return <p className={styles.muted}>{t('invoices.totals.computing')}</p>;
  return (
    <>
      <InvoiceTotals totals={price.data.totals} busy={updating} />
      <p className={styles.muted}>{t('invoices.totals.fromApi')}</p>
    </>
  );
}
