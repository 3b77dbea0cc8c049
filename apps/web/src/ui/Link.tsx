// In-app links: React Aria's Link routed through React Router (see app/providers), styled as text or as a button.
import { Link as AriaLink, type LinkProps as AriaLinkProps } from 'react-aria-components';
import buttonStyles from './Button.module.css';
import styles from './Link.module.css';

export interface LinkProps extends Omit<AriaLinkProps, 'className'> {
  appearance?: 'text' | 'button-primary' | 'button-secondary';
}

export function Link({ appearance = 'text', ...props }: LinkProps) {
  const className =
    appearance === 'text' ? styles.link : `${buttonStyles.button} ${appearance === 'button-primary' ? buttonStyles.primary : buttonStyles.secondary}`;
  return <AriaLink {...props} className={className} />;
}
