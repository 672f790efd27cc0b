import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The signed-out screens' card: the brand and tagline, the language switch, the screen's title, then its content. */
export function AuthCard({ title, languageSwitch, children }: { title: string; languageSwitch?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="login">
      <div className="login__card card">
        <div className="login__top">
          <div>
            <div className="brand brand--large">ParIndex</div>
            <p className="muted">{t('app.tagline')}</p>
          </div>
          {languageSwitch}
        </div>
        <h1 className="login__title">{title}</h1>
        {children}
      </div>
    </main>
  );
}
