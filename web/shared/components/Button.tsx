import type { ComponentProps } from 'react';
import { Link, type LinkProps } from 'react-router';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

function classes(variant: ButtonVariant, small: boolean | undefined, extra: string | undefined): string {
  return ['btn', `btn--${variant}`, small ? 'btn--small' : '', extra ?? ''].filter(Boolean).join(' ');
}

type ButtonProps = ComponentProps<'button'> & { variant?: ButtonVariant; small?: boolean; busy?: boolean };

/** A button with a large touch target; `busy` disables it and shows a spinner. */
export function Button({ variant = 'secondary', small, busy, className, disabled, children, type = 'button', ...rest }: ButtonProps) {
  return (
    <button type={type} className={classes(variant, small, className)} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy && <span className="spinner spinner--inline" aria-hidden="true" />}
      {children}
    </button>
  );
}

type ButtonLinkProps = LinkProps & { variant?: ButtonVariant; small?: boolean };

/** A link that looks like a button. */
export function ButtonLink({ variant = 'secondary', small, className, ...rest }: ButtonLinkProps) {
  return <Link className={classes(variant, small, className)} {...rest} />;
}
