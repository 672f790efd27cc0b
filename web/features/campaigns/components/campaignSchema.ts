import { z } from 'zod';

// Messages are translation keys.
export const campaignSchema = z.object({
  name: z.string().trim().min(1, 'campaigns.form.nameRequired'),
  year: z
    .number({ error: 'campaigns.form.yearInvalid' })
    .int('campaigns.form.yearInvalid')
    .min(2000, 'campaigns.form.yearInvalid')
    .max(2100, 'campaigns.form.yearInvalid'),
  criteriaSetCode: z.string().min(1, 'campaigns.form.criteriaSetRequired'),
  bandSetCode: z.string().min(1, 'campaigns.form.bandSetRequired'),
  unitIds: z.array(z.string()).min(1, 'campaigns.form.unitsRequired'),
  /** '' = none */
  previousCampaignId: z.string(),
});
export type CampaignFormValues = z.infer<typeof campaignSchema>;
