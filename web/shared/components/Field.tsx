import type { ComponentProps, ReactNode } from 'react';

interface FieldProps {
  label: ReactNode;
  htmlFor: string;
  /** a validation message shown under the control */
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}

/** A labelled form control with its hint and error. */
export function Field({ label, htmlFor, error, hint, children }: FieldProps) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint && !error && <div className="field__hint">{hint}</div>}
      {error && (
        <div className="field__error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

export function TextInput({ className, ...rest }: ComponentProps<'input'>) {
  return <input className={['input', className].filter(Boolean).join(' ')} {...rest} />;
}

export function Select({ className, ...rest }: ComponentProps<'select'>) {
  return <select className={['input', 'select', className].filter(Boolean).join(' ')} {...rest} />;
}

export function TextArea({ className, ...rest }: ComponentProps<'textarea'>) {
  return <textarea className={['input', 'textarea', className].filter(Boolean).join(' ')} {...rest} />;
}

/** A checkbox with its label, the whole line being the touch target. */
export function Checkbox({ label, className, ...rest }: ComponentProps<'input'> & { label: ReactNode }) {
  return (
    <label className={['checkbox', className].filter(Boolean).join(' ')}>
      <input type="checkbox" {...rest} />
      <span>{label}</span>
    </label>
  );
}
