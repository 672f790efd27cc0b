import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyMapping } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { Dialog } from '../../../shared/components/Dialog';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { TextInput } from '../../../shared/components/Field';
import { QueryState } from '../../../shared/components/QueryState';
import { useAgencies, useSaveAgencies } from '../api/useAgencies';

/** "Sở A; Sở B" → ['Sở A', 'Sở B'] */
const split = (text: string) => text.split(/[;\n]/).map((s) => s.trim()).filter(Boolean);

/**
 * Edits the campaign's agencies per field and criterion, starting from what the unit's report uses; an empty
 * criterion takes its field's.
 */
export function AgencyDialog({ campaignId, unitId, onClose }: { campaignId: string; unitId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const agencies = useAgencies(campaignId, unitId);
  return (
    <Dialog title={t('reports.agencies.title')} onClose={onClose}>
      <QueryState query={agencies}>{(m) => <AgencyForm key={m.updatedAt ?? 'default'} campaignId={campaignId} mapping={m} onClose={onClose} />}</QueryState>
    </Dialog>
  );
}

function AgencyForm({ campaignId, mapping, onClose }: { campaignId: string; mapping: AgencyMapping; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveAgencies(campaignId);
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(mapping.agencies).map(([code, names]) => [code, names.join('; ')])));
  /** what an empty box falls back to: the nearest parent code with agencies (1.3.2 → 1.3 → 1) */
  const inheritedFor = (code: string) => {
    for (let c = code.slice(0, Math.max(0, code.lastIndexOf('.'))); c !== ''; c = c.slice(0, Math.max(0, c.lastIndexOf('.')))) {
      const names = split(texts[c] ?? '');
      if (names.length) return names.join('; ');
    }
    return '';
  };

  const submit = () => {
    const out: Record<string, string[]> = {};
    for (const [code, text] of Object.entries(texts)) if (split(text).length) out[code] = split(text);
    save.mutate(out, { onSuccess: onClose });
  };

  return (
    <form
      className="stack stack--tight"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="muted small">{t('reports.agencies.hint')}</p>
      <p className="small">{mapping.custom ? t('reports.agencies.custom') : t('reports.agencies.default')}</p>
      <div className="stack stack--tight">
        {mapping.criteria.map((c) => {
          const id = `agency-${c.code}`;
          const inherited = inheritedFor(c.code);
          return (
            <div key={c.code} className="field">
              <label className="field__label" htmlFor={id}>
                <span className="code">{c.code}</span> {c.level === 0 ? <strong>{c.name}</strong> : c.level === 2 ? <em>{c.name}</em> : c.name}
              </label>
              <TextInput
                id={id}
                value={texts[c.code] ?? ''}
                placeholder={inherited ? t('reports.agencies.inherits', { agencies: inherited }) : ''}
                onChange={(e) => setTexts((prev) => ({ ...prev, [c.code]: e.target.value }))}
              />
            </div>
          );
        })}
      </div>
      {save.error && <ErrorNotice error={save.error} />}
      <div className="actions actions--sticky">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('common.save')}
        </Button>
        {mapping.custom && (
          <Button onClick={() => save.mutate(null, { onSuccess: onClose })} disabled={save.isPending}>
            {t('reports.agencies.reset')}
          </Button>
        )}
        <Button variant="ghost" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
