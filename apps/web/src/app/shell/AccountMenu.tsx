// The signed-in user's menu: who they are, ending their sessions elsewhere, signing out.
import { Button as AriaButton, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import type { Me } from '../../features/auth/queries';
import { useT } from '../../i18n/use-t';
import styles from './AccountMenu.module.css';

export function AccountMenu(props: { me: Me; onEndOthers: () => void; onSignOut: () => void; busy: boolean }) {
  const t = useT();
  const { me } = props;
  return (
    <MenuTrigger>
      <AriaButton className={styles.trigger} isDisabled={props.busy}>
        <span className={styles.who}>
          <span className={styles.name}>{me.name}</span>
          <span className={styles.role}>{t(me.role === 'owner' ? 'role.owner' : 'role.staff')}</span>
        </span>
        <span className={styles.chevron} aria-hidden="true">
          ▾
        </span>
      </AriaButton>
      <Popover className={styles.popover} placement="bottom end">
        <Menu className={styles.menu} onAction={(key) => (key === 'end-others' ? props.onEndOthers() : props.onSignOut())}>
          <MenuItem id="end-others" className={styles.item}>
            {t('account.endOthers')}
          </MenuItem>
          <MenuItem id="sign-out" className={styles.item}>
            {t('shell.signOut')}
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
