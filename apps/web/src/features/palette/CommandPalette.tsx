// The command palette (Ctrl/Cmd+K): type to jump to a page of the console or to a customer (found through the
// customers API as you type, after a pause). A modal dialog with React Aria's Autocomplete: the field keeps focus,
// arrows move through the results, Enter opens one, Escape closes.
import { useEffect, useState } from 'react';
import { Autocomplete, Dialog, Header, Input, Label, Menu, MenuItem, MenuSection, Modal, ModalOverlay, SearchField, useFilter } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { navFor, type TenantRole } from '../../app/navigation';
import { paths } from '../../app/paths';
import { useT } from '../../i18n/use-t';
import { displayName } from '../customers/customer-fields';
import { useCustomerSuggestions } from '../customers/queries';
import dialog from '../../ui/Dialog.module.css';
import styles from './palette.module.css';

export interface CommandPaletteProps {
  tenant: string;
  role: TenantRole;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
}

/** The text, once the user has paused typing for `ms`. */
export function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function CommandPalette({ tenant, role, isOpen, onOpenChange }: CommandPaletteProps) {
  const t = useT();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const typed = text.trim();
  const q = useDebounced(typed, 250);
  const suggestions = useCustomerSuggestions(tenant, q);
  const { contains } = useFilter({ sensitivity: 'base' });

  const pages = [
    ...navFor(role).map((item) => ({ id: `page:${item.to}`, label: t(item.label), to: `/t/${tenant}/${item.to}` })),
    { id: 'page:new-customer', label: t('customers.new'), to: paths.newCustomer(tenant) },
  ];
  // Pages are filtered by the Autocomplete itself (so its active item is never one that has gone); customers come
  // filtered by the server, and only for what is typed now: a result for an earlier text is not shown.
  const filter = (textValue: string, input: string, node: { key: unknown }) => String(node.key).startsWith('customer:') || contains(textValue, input.trim());
  const pageMatches = pages.filter((page) => !typed || contains(page.label, typed));
  const customers = q === typed && typed.length >= 2 && !suggestions.isPlaceholderData ? (suggestions.data?.items ?? []) : [];
  const searching = typed.length >= 2 && (q !== typed || suggestions.isFetching);

  const close = (open: boolean) => {
    if (!open) setText('');
    onOpenChange(open);
  };
  const go = (key: string) => {
    const to = key.startsWith('customer:') ? paths.customer(tenant, key.slice('customer:'.length)) : pages.find((p) => p.id === key)?.to;
    if (!to) return;
    close(false);
    void navigate(to);
  };

  let status: string;
  if (typed.length < 2) status = t('palette.hint');
  else if (searching) status = t('palette.searching');
  else if (suggestions.error) status = t('palette.failed');
  else status = customers.length ? t('palette.found', { count: customers.length }) : t('palette.noCustomers', { q: typed });

  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={close} isDismissable className={dialog.overlay}>
      <Modal className={`${dialog.modal} ${styles.modal}`}>
        <Dialog aria-label={t('palette.title')} className={styles.dialog}>
          <Autocomplete inputValue={text} onInputChange={setText} filter={filter}>
            <SearchField autoFocus className={styles.field} aria-describedby="palette-status">
              <Label className={styles.label}>{t('palette.label')}</Label>
              <Input className={styles.input} placeholder={t('palette.placeholder')} />
            </SearchField>
            <Menu
              aria-label={t('palette.results')}
              className={styles.menu}
              onAction={(key) => go(String(key))}
            >
              {pageMatches.length > 0 && (
                <MenuSection className={styles.section}>
                  <Header className={styles.header}>{t('palette.pages')}</Header>
                  {pages.map((page) => (
                    <MenuItem key={page.id} id={page.id} textValue={page.label} className={styles.item}>
                      <span aria-hidden="true" className={styles.kind}>
                        →
                      </span>
                      {page.label}
                    </MenuItem>
                  ))}
                </MenuSection>
              )}
              {customers.length > 0 && (
                <MenuSection className={styles.section}>
                  <Header className={styles.header}>{t('palette.customers')}</Header>
                  {customers.map((c) => {
                    const name = displayName(c) || t('customer.unnamed');
                    return (
                      <MenuItem key={c.id} id={`customer:${c.id}`} textValue={name} className={styles.item}>
                        <span aria-hidden="true" className={styles.kind}>
                          ●
                        </span>
                        <span className={styles.name}>{name}</span>
                        {(c.email || c.phone) && <span className={styles.detail}>{c.email ?? c.phone}</span>}
                      </MenuItem>
                    );
                  })}
                </MenuSection>
              )}
            </Menu>
          </Autocomplete>
          {pageMatches.length === 0 && customers.length === 0 && <p className={styles.empty}>{t('palette.nothing')}</p>}
          <p id="palette-status" role="status" className={styles.status}>
            {status}
          </p>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
