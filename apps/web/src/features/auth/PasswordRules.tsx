// The password rules in words, with the length rule ticked off as the user types.
import { useT } from '../../i18n/use-t';
import styles from './auth.module.css';

/** The API's rule (AcceptInvitationDto): 12 to 256 characters; anything else is advice. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function passwordProblem(password: string): 'too-short' | 'too-long' | null {
  if (password.length < PASSWORD_MIN) return 'too-short';
  if (password.length > PASSWORD_MAX) return 'too-long';
  return null;
}

export function PasswordRules({ id, password }: { id: string; password: string }) {
  const t = useT();
  const longEnough = password.length >= PASSWORD_MIN;
  return (
    <div id={id}>
      <p className={styles.hint}>{t('invitation.rules.title')}</p>
      <ul className={styles.rules}>
        <li className={longEnough ? styles.met : undefined}>
          {t('invitation.rule.length', { min: PASSWORD_MIN })}
          {longEnough && <span> ✓ <span className="visually-hidden">{t('invitation.rule.met')}</span></span>}
        </li>
        <li>{t('invitation.rule.notCommon')}</li>
        <li>{t('invitation.rule.passphrase')}</li>
        <li>{t('invitation.rule.unique')}</li>
      </ul>
    </div>
  );
}
