import { useTranslation } from 'react-i18next';
import { LANGUAGES } from './i18n';

/** VI | EN toggle; the choice is remembered on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('layout.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className="lang-switch__option"
          aria-pressed={i18n.language === language}
          lang={language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
