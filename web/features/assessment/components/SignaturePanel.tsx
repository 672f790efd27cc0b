import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Checkbox, Field } from '../../../shared/components/Field';
import { Table } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import {
  useAddTrustedRoot, useDeleteTrustedRoot, useSetSignatureSetting, useSignatureSetting, useTrustedRoots, type TrustedRoot,
} from '../api/signature';

/** A certificate file as the API takes it: PEM text as is, DER bytes as base64. */
async function certificateText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('latin1').decode(bytes);
  if (text.includes('-----BEGIN CERTIFICATE-----')) return text;
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Signatures on evidence (issue 13), on the campaign's assessment page: the campaign's "valid signature required"
 * setting (admins, analysts) and the root certificates trusted for every campaign (admins). None is trusted by
 * default, and the panel says so.
 */
export function SignaturePanel({ campaignId, isAdmin }: { campaignId: string; isAdmin: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const setting = useSignatureSetting(campaignId, true);
  const setRequired = useSetSignatureSetting(campaignId);
  const roots = useTrustedRoots(isAdmin);
  const add = useAddTrustedRoot(campaignId);
  const remove = useDeleteTrustedRoot(campaignId);
  const [added, setAdded] = useState<string | null>(null);

  async function onFile(file: File | undefined) {
    if (!file) return;
    setAdded(null);
    const result = await add.mutateAsync(await certificateText(file)).catch(() => null) as { added: TrustedRoot[] } | null;
    if (result) setAdded(result.added.map((r) => r.subject).join('; '));
  }

  return (
    <section className="card stack stack--tight" data-testid="signature-panel">
      <h2 className="section-head">{t('assessment.signature.panel.title')}</h2>
      {setting.data && (
        <div>
          <Checkbox id="signature-required" label={t('assessment.signature.panel.required')} checked={setting.data.required}
            disabled={setRequired.isPending} onChange={(e) => setRequired.mutate(e.target.checked)} aria-describedby="signature-required-hint" />
          <p id="signature-required-hint" className="muted small">{t('assessment.signature.panel.requiredHint')}</p>
        </div>
      )}
      {setRequired.error && <ErrorNotice error={setRequired.error} />}
      {isAdmin && (
        <div className="stack stack--tight">
          <h3>{t('assessment.signature.panel.roots')}</h3>
          {roots.data && roots.data.roots.length === 0 && <p className="muted" data-testid="no-roots">{t('assessment.signature.panel.noRoots')}</p>}
          {roots.data && roots.data.roots.length > 0 && (
            <Table<TrustedRoot>
              rows={roots.data.roots}
              rowKey={(r) => r.id}
              columns={[
                { key: 'subject', header: t('assessment.signature.panel.subject'), primary: true, render: (r) => r.subject },
                { key: 'validity', header: t('assessment.signature.panel.validity'), render: (r) => `${format.dateTime(r.notBefore)} – ${format.dateTime(r.notAfter)}` },
                { key: 'fingerprint', header: t('assessment.signature.panel.fingerprint'), render: (r) => <span className="code small">{r.fingerprint.slice(0, 16)}…</span> },
                { key: 'by', header: t('assessment.signature.panel.addedBy'), render: (r) => `${r.createdBy ?? ''} · ${format.dateTime(r.createdAt)}` },
                {
                  key: 'remove', header: t('assessment.signature.panel.remove'), render: (r) => (
                    <Button small variant="ghost" busy={remove.isPending}
                      onClick={() => { if (window.confirm(t('assessment.signature.panel.removeConfirm', { subject: r.subject }))) remove.mutate(r.id); }}>
                      {t('assessment.signature.panel.remove')}
                    </Button>
                  ),
                },
              ]}
            />
          )}
          <Field label={t('assessment.signature.panel.add')} htmlFor="signature-root-file" hint={t('assessment.signature.panel.addHint')}>
            <input id="signature-root-file" type="file" accept=".pem,.cer,.crt,.der" onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ''; }} />
          </Field>
          {added && <p className="count--good" role="status">{t('assessment.signature.panel.added', { subject: added })}</p>}
          {(add.error || remove.error) && <ErrorNotice error={add.error ?? remove.error} />}
        </div>
      )}
    </section>
  );
}
