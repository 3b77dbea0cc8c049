// The console's buttons: one primary action per view, quieter ones beside it.
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';
import styles from './Button.module.css';

export interface ButtonProps extends Omit<AriaButtonProps, 'className' | 'isPending'> {
  variant?: 'primary' | 'secondary' | 'quiet' | 'danger';
  /**
   * While a request runs: presses and form submission are ignored, the button stays focusable. Not React Aria's
   * own isPending: its announcement points at the button by id and outlives it when the page changes.
   */
  isPending?: boolean;
}

export function Button({ variant = 'secondary', isPending, type, onPress, ...props }: ButtonProps) {
  return (
    <AriaButton
      {...props}
      type={isPending ? 'button' : type}
      onPress={isPending ? undefined : onPress}
      data-pending={isPending || undefined}
      className={`${styles.button} ${styles[variant]}`}
    />
  );
}
