// /t/:tenant/staff (owner): who works in the register, their role and status in words (invited, active,
// disabled); invite a member (the API e-mails them the link to set a password) and disable one, after a
// confirmation dialog that holds the focus until it is answered and closes with Esc; change a member's role
// (owner or staff), also after a confirmation (the API keeps at least one owner).
import { useState } from 'react';
import { Dialog, Form, Heading, Label, Modal, ModalOverlay, Radio, RadioGroup } from 'react-aria-components';
import { useOutletContext, useParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import { useLocale } from '../../app/providers';
import type { Me } from '../auth/queries';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import { type StaffMember, useChangeRole, useDisableStaff, useInviteStaff, useStaff } from './queries';
import styles from './staff.module.css';

const STATUS = { invited: 'staff.status.invited', active: 'staff.status.active', disabled: 'staff.status.disabled' } as const;

export function StaffPage() {
  const t = useT();
  const { locale } = useLocale();
  const me = useOutletContext<Me>();
  const tenant = useParams().tenant!;
  const staff = useStaff(tenant);
  const [disabling, setDisabling] = useState<StaffMember | null>(null);
  const [disabled, setDisabled] = useState<StaffMember | null>(null);
  const [changing, setChanging] = useState<StaffMember | null>(null);
  const [changed, setChanged] = useState<StaffMember | null>(null);
  return (
    <>
      <PageHeader title={t('staff.title')} subtitle={t('staff.subtitle')} />
      <InviteForm tenant={tenant} />
      <section aria-labelledby="staff-list" className={styles.section}>
        <h2 id="staff-list">{t('staff.list.title')}</h2>
        {disabled && <Notice tone="success" title={t('staff.disable.done', { name: disabled.name })} />}
        {changed && <Notice tone="success" title={t(changed.role === 'owner' ? 'staff.role.doneStaff' : 'staff.role.doneOwner', { name: changed.name })} />}
        {staff.isPending && <Loading />}
        {staff.error && <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />}
        {staff.data && (
          <DataTable<StaffMember>
            caption={t('staff.title')}
            rows={staff.data}
            rowKey={(m) => m.id}
            columns={[
              { key: 'name', header: t('staff.column.name'), cell: (m) => m.name },
              { key: 'email', header: t('staff.column.email'), cell: (m) => m.email, breakAnywhere: true },
              {
                key: 'role',
                header: t('staff.column.role'),
                cell: (m) => (
                  <span className={styles.roleCell}>
                    {t(m.role === 'owner' ? 'role.owner' : 'role.staff')}
                    {m.status !== 'disabled' && (
                      <Button variant="quiet" aria-label={t(m.role === 'owner' ? 'staff.role.makeStaffFor' : 'staff.role.makeOwnerFor', { name: m.name })} onPress={() => setChanging(m)}>
                        {t(m.role === 'owner' ? 'staff.role.makeStaff' : 'staff.role.makeOwner')}
                      </Button>
                    )}
                  </span>
                ),
              },
              { key: 'status', header: t('staff.column.status'), cell: (m) => <span className={`${styles.status} ${styles[m.status]}`}>{t(STATUS[m.status])}</span> },
              { key: 'login', header: t('staff.column.lastLogin'), cell: (m) => (m.lastLoginAt ? formatDateTime(m.lastLoginAt, locale) : t('staff.never')), secondary: true },
              {
                key: 'actions',
                header: t('staff.column.actions'),
                cell: (m) =>
                  m.id === me.id ? (
                    <span className={styles.muted}>{t('staff.you')}</span>
                  ) : m.status !== 'disabled' ? (
                    <Button variant="quiet" aria-label={t('staff.disable.labelFor', { name: m.name })} onPress={() => setDisabling(m)}>
                      {t('staff.disable.action')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </section>
      {changing && (
        <MemberDialog
          tenant={tenant}
          member={changing}
          action="role"
          onClose={(done) => {
            if (done) setChanged(changing);
            setChanging(null);
          }}
        />
      )}
      {disabling && (
        <MemberDialog
          tenant={tenant}
          member={disabling}
          action="disable"
          onClose={(done) => {
            if (done) setDisabled(disabling);
            setDisabling(null);
          }}
        />
      )}
    </>
  );
}

const INVITE_FIELDS = ['name', 'email', 'role'] as const;

function InviteForm({ tenant }: { tenant: string }) {
  const t = useT();
  const invite = useInviteStaff(tenant);
  const [values, setValues] = useState({ name: '', email: '', role: 'staff' as 'staff' | 'owner' });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const error = invite.error;
  const taken = error instanceof ApiError && error.kind === 'conflict';
  const { byField } = fieldErrors(error, INVITE_FIELDS);
  const fieldError = (field: (typeof INVITE_FIELDS)[number]) => {
    if (edited.has(field)) return undefined;
    if (field === 'email' && taken) return t('staff.invite.emailTaken');
    return byField[field] ? t(field === 'email' ? 'form.invalidEmail' : 'staff.invite.invalid') : undefined;
  };
  const change = (field: (typeof INVITE_FIELDS)[number], value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setEdited((current) => new Set(current).add(field));
  };
  const handled = error instanceof ApiError && (taken || error.kind === 'validation');
  return (
    <section aria-labelledby="invite-title" className={styles.panel}>
      <h2 id="invite-title">{t('staff.invite.title')}</h2>
      <p className={styles.muted}>{t('staff.invite.body')}</p>
      <Form
        className={styles.inviteForm}
        onSubmit={(event) => {
          event.preventDefault();
          setSentTo(null);
          setEdited(new Set());
          invite.mutate(
            { name: values.name.trim(), email: values.email.trim(), role: values.role },
            {
              onSuccess: (member) => {
                setSentTo(member.email);
                setValues({ name: '', email: '', role: 'staff' });
              },
            },
          );
        }}
      >
        {error && !handled && <ErrorState error={error} />}
        {error && handled && <Notice tone="error" title={t('staff.invite.checkFields')} />}
        <div className={styles.inviteFields}>
          <TextField name="name" label={t('staff.column.name')} isRequired autoComplete="off" value={values.name} onChange={(v) => change('name', v)} errorMessage={fieldError('name')} />
          <TextField name="email" type="email" label={t('staff.column.email')} isRequired autoComplete="off" value={values.email} onChange={(v) => change('email', v)} errorMessage={fieldError('email')} />
        </div>
        <RadioGroup className={styles.roles} value={values.role} onChange={(v) => change('role', v)} orientation="horizontal">
          <Label className={styles.rolesLabel}>{t('staff.column.role')}</Label>
          <div className={styles.roleOptions}>
            <Radio value="staff" className={styles.radio}>
              {t('staff.invite.roleStaff')}
            </Radio>
            <Radio value="owner" className={styles.radio}>
              {t('staff.invite.roleOwner')}
            </Radio>
          </div>
        </RadioGroup>
        <div>
          <Button type="submit" variant="primary" isPending={invite.isPending}>
            {t('staff.invite.submit')}
          </Button>
        </div>
        {sentTo && <Notice tone="success" title={t('staff.invite.sent', { email: sentTo })} />}
      </Form>
    </section>
  );
}

/**
 * The confirmation before changing a member's role or disabling them: it holds the focus until it is answered and
 * closes with Esc. The API keeps an owner who can sign in; its refusal (409 last-owner) is said in words.
 */
function MemberDialog({ tenant, member, action, onClose }: { tenant: string; member: StaffMember; action: 'role' | 'disable'; onClose: (done: boolean) => void }) {
  const t = useT();
  const change = useChangeRole(tenant);
  const disable = useDisableStaff(tenant);
  const { error, isPending } = action === 'role' ? change : disable;
  const role = member.role === 'owner' ? 'staff' : 'owner';
  const lastOwner = error instanceof ApiError && error.code === 'last-owner';
  const done = { onSuccess: () => onClose(true) };
  const text =
    action === 'disable'
      ? { title: t('staff.disable.title', { name: member.name }), body: t('staff.disable.body', { name: member.name, email: member.email }), confirm: t('staff.disable.confirm'), lastOwner: t('staff.disable.lastOwner.title') }
      : {
          title: t(role === 'owner' ? 'staff.role.titleOwner' : 'staff.role.titleStaff', { name: member.name }),
          body: t(role === 'owner' ? 'staff.role.bodyOwner' : 'staff.role.bodyStaff', { name: member.name }),
          confirm: t(role === 'owner' ? 'staff.role.makeOwner' : 'staff.role.makeStaff'),
          lastOwner: t('staff.role.lastOwner.title'),
        };
  return (
    <ModalOverlay isOpen isDismissable isKeyboardDismissDisabled={false} onOpenChange={(open) => !open && onClose(false)} className={styles.overlay}>
      <Modal className={styles.modal}>
        <Dialog role="alertdialog" className={styles.dialog}>
          <Heading slot="title" className={styles.dialogTitle}>
            {text.title}
          </Heading>
          <p>{text.body}</p>
          {lastOwner && (
            <Notice tone="error" title={text.lastOwner}>
              {t('staff.role.lastOwner.body')}
            </Notice>
          )}
          {error && !lastOwner && <ErrorState error={error} />}
          <div className={styles.dialogActions}>
            <Button
              variant={action === 'disable' ? 'danger' : 'primary'}
              isPending={isPending}
              isDisabled={lastOwner}
              onPress={() => (action === 'role' ? change.mutate({ id: member.id, role }, done) : disable.mutate(member.id, done))}
            >
              {text.confirm}
            </Button>
            <Button autoFocus onPress={() => onClose(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
