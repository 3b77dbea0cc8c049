// /platform/staff (platform admins): who works on the platform, their roles, roles waiting for a second admin,
// and each role's history; invite, change roles, approve another admin's proposal (never one's own), disable.
import { useState } from 'react';
import { Checkbox, CheckboxGroup, Form, Label } from 'react-aria-components';
import { ApiError } from '../../api/problem';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import { usePlatformPrincipal } from './PlatformShell';
import {
  type PlatformMe,
  type PlatformRole,
  type PlatformStaffMember,
  useApproveGrant,
  useDisablePlatformStaff,
  useInvitePlatformStaff,
  usePlatformStaff,
  useSetPlatformRoles,
} from './queries';
import { RoleGate } from './RoleGate';
import { ROLE_LABELS, RoleNames } from './RoleNames';
import styles from './platform.module.css';

const ALL_ROLES: PlatformRole[] = ['platform_admin', 'access_log_investigator'];
/** The roles the API only proposes, for a second admin to approve (PlatformStaffService). */
const NEED_SECOND_ADMIN = new Set<PlatformRole>(['platform_admin', 'access_log_investigator']);

const ACTIONS: Record<PlatformStaffMember['roleHistory'][number]['action'], MessageId> = {
  grant: 'platform.staff.history.grant',
  propose: 'platform.staff.history.propose',
  approve: 'platform.staff.history.approve',
  withdraw: 'platform.staff.history.withdraw',
  revoke: 'platform.staff.history.revoke',
};

/** The API's refusals a person can act on, in words; the rest go to ErrorState. */
function refusal(error: unknown): MessageId | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'separation-of-duties') return 'platform.staff.error.separation';
  if (error.code === 'role-grant-not-pending') return 'platform.staff.error.notPending';
  if (error.code === 'staff-disabled') return 'platform.staff.error.disabled';
  if (error.code === 'staff-email-taken') return 'platform.staff.error.emailTaken';
  return null;
}

function Failure({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const known = refusal(error);
  return known ? <Notice tone="error">{t(known)}</Notice> : <ErrorState error={error} onRetry={onRetry} />;
}

export function PlatformStaffPage() {
  const t = useT();
  return (
    <RoleGate roles={['platform_admin']} title={t('platform.staff.title')}>
      <Staff />
    </RoleGate>
  );
}

function Staff() {
  const t = useT();
  const me = usePlatformPrincipal();
  const staff = usePlatformStaff();
  return (
    <>
      <PageHeader title={t('platform.staff.title')} subtitle={t('platform.staff.subtitle')} />
      <div className={styles.stack}>
        <InviteForm />
        {staff.isPending && <Loading />}
        {staff.error && <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />}
        {staff.data && (
          <ul className={styles.memberList} aria-label={t('platform.staff.listLabel')}>
            {staff.data.items.map((member) => (
              <li key={member.id}>
                <Member member={member} me={me} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

function InviteForm() {
  const t = useT();
  const invite = useInvitePlatformStaff();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<PlatformRole[]>([]);
  const [sent, setSent] = useState<{ email: string; waiting: boolean } | null>(null);
  const emailError = invite.error instanceof ApiError && invite.error.code === 'staff-email-taken' ? t('platform.staff.error.emailTaken') : undefined;
  const submit = () =>
    invite.mutate(
      { name: name.trim(), email: email.trim(), roles },
      {
        onSuccess: (member) => {
          setSent({ email: member.email, waiting: roles.some((r) => NEED_SECOND_ADMIN.has(r)) });
          setName('');
          setEmail('');
          setRoles([]);
        },
      },
    );
  return (
    <section className={styles.card} aria-labelledby="invite-title">
      <h2 id="invite-title">{t('platform.staff.invite.title')}</h2>
      <Form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {sent && (
          <Notice tone="success">
            {t('platform.staff.invite.sent', { email: sent.email })} {sent.waiting && t('platform.staff.invite.waiting')}
          </Notice>
        )}
        {invite.error && !emailError && <Failure error={invite.error} onRetry={submit} />}
        <div className={styles.grid}>
          <TextField label={t('platform.staff.invite.name')} name="name" autoComplete="off" isRequired value={name} onChange={(v) => (setName(v), setSent(null))} />
          <TextField
            label={t('platform.staff.invite.email')}
            name="email"
            type="email"
            autoComplete="off"
            isRequired
            value={email}
            onChange={(v) => (setEmail(v), setSent(null), invite.reset())}
            errorMessage={emailError}
          />
        </div>
        <RolePicker value={roles} onChange={setRoles} label={t('platform.staff.invite.roles')} help={t('platform.staff.roles.help')} />
        <div className={styles.actions}>
          <Button type="submit" variant="primary" isPending={invite.isPending}>
            {t('platform.staff.invite.submit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function RolePicker({ value, onChange, label, help }: { value: PlatformRole[]; onChange: (roles: PlatformRole[]) => void; label: string; help?: string }) {
  const t = useT();
  return (
    <CheckboxGroup className={styles.checks} value={value} onChange={(v) => onChange(v as PlatformRole[])}>
      <Label className={styles.kindLabel}>{label}</Label>
      {help && <p className={styles.searchHelp}>{help}</p>}
      {ALL_ROLES.map((role) => (
        <Checkbox key={role} value={role} className={styles.check}>
          {({ isSelected }) => (
            <>
              <span className={styles.box} aria-hidden="true">
                {isSelected ? '✓' : ''}
              </span>
              {t(ROLE_LABELS[role])}
            </>
          )}
        </Checkbox>
      ))}
    </CheckboxGroup>
  );
}

function Member({ member, me }: { member: PlatformStaffMember; me: PlatformMe }) {
  const t = useT();
  const { locale } = useLocale();
  const [editing, setEditing] = useState(false);
  const [confirmDisable, setConfirmDisable] = useState(false);
  const approve = useApproveGrant();
  const disable = useDisablePlatformStaff();
  const self = member.id === me.id;
  const headingId = `member-${member.id}`;
  return (
    <article className={styles.card} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.memberName}>
        {member.name}
        {self && <span className={styles.badge}>{t('platform.staff.you')}</span>}
      </h2>
      <dl className={styles.dl}>
        <dt>{t('platform.staff.email')}</dt>
        <dd>{member.email}</dd>
        <dt>{t('platform.staff.roles')}</dt>
        <dd>
          <RoleNames roles={member.roles} />
        </dd>
        <dt>{t('platform.staff.status')}</dt>
        <dd>{t(member.active ? 'platform.staff.active' : 'platform.staff.disabledStatus')}</dd>
        <dt>{t('platform.staff.lastLogin')}</dt>
        <dd>{member.lastLoginAt ? formatDateTime(member.lastLoginAt, locale) : t('platform.staff.never')}</dd>
      </dl>

      {member.pendingGrants.length > 0 && (
        <div className={styles.pending}>
          <h3>{t('platform.staff.pending.title')}</h3>
          {approve.error && <Failure error={approve.error} />}
          <ul>
            {member.pendingGrants.map((grant) => {
              const mine = self || grant.proposedBy?.id === me.id;
              return (
                <li key={grant.id} className={styles.cellStack}>
                  <span>
                    {t('platform.staff.pending.grant', {
                      role: t(ROLE_LABELS[grant.role]),
                      by: grant.proposedBy?.name ?? t('platform.staff.history.system'),
                      at: formatDateTime(grant.proposedAt, locale),
                    })}
                  </span>
                  {mine ? (
                    <span className={styles.searchHelp}>{t(self ? 'platform.staff.pending.notForYourself' : 'platform.staff.pending.notYourOwn')}</span>
                  ) : (
                    <Button
                      variant="primary"
                      isPending={approve.isPending && approve.variables?.grantId === grant.id}
                      onPress={() => approve.mutate({ id: member.id, grantId: grant.id })}
                    >
                      {t('platform.staff.pending.approve', { role: t(ROLE_LABELS[grant.role]), name: member.name })}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {member.active && !editing && !confirmDisable && (
        <div className={styles.actions}>
          <Button onPress={() => setEditing(true)}>{t('platform.staff.changeRoles', { name: member.name })}</Button>
          {!self && (
            <Button variant="danger" onPress={() => setConfirmDisable(true)}>
              {t('platform.staff.disable', { name: member.name })}
            </Button>
          )}
        </div>
      )}
      {editing && <RoleEditor member={member} self={self} onDone={() => setEditing(false)} />}
      {confirmDisable && (
        <Notice
          tone="warning"
          live={false}
          title={t('platform.staff.disableConfirm.title', { name: member.name })}
          actions={
            <>
              <Button variant="danger" isPending={disable.isPending} autoFocus onPress={() => disable.mutate(member.id, { onSuccess: () => setConfirmDisable(false) })}>
                {t('platform.staff.disableConfirm.yes')}
              </Button>
              <Button variant="quiet" onPress={() => setConfirmDisable(false)}>
                {t('common.cancel')}
              </Button>
            </>
          }
        >
          <p>{t('platform.staff.disableConfirm.body')}</p>
          {disable.error && <Failure error={disable.error} />}
        </Notice>
      )}

      {member.roleHistory.length > 0 && (
        <details className={styles.historyBox}>
          <summary>{t('platform.staff.history.title', { count: member.roleHistory.length })}</summary>
          <ol className={styles.history}>
            {member.roleHistory.map((entry, index) => (
              <li key={`${entry.at}-${index}`}>
                {t(ACTIONS[entry.action], {
                  role: t(ROLE_LABELS[entry.role]),
                  by: entry.actor?.name ?? t('platform.staff.history.system'),
                  at: formatDateTime(entry.at, locale),
                })}
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}

function RoleEditor({ member, self, onDone }: { member: PlatformStaffMember; self: boolean; onDone: () => void }) {
  const t = useT();
  const setRoles = useSetPlatformRoles();
  // Pending grants count as wanted: leaving them ticked keeps them waiting, unticking withdraws them.
  const [roles, setRolesState] = useState<PlatformRole[]>(() => [...new Set([...member.roles, ...member.pendingGrants.map((g) => g.role)])]);
  const submit = () => setRoles.mutate({ id: member.id, roles }, { onSuccess: onDone });
  return (
    <Form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <RolePicker value={roles} onChange={setRolesState} label={t('platform.staff.rolesOf', { name: member.name })} help={t(self ? 'platform.staff.roles.selfHelp' : 'platform.staff.roles.help')} />
      {setRoles.error && <Failure error={setRoles.error} onRetry={submit} />}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={setRoles.isPending}>
          {t('platform.staff.saveRoles')}
        </Button>
        <Button variant="quiet" onPress={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
