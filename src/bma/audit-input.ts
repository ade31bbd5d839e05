import { z } from 'zod';
import { type Finding, type Site, severities, siteTypes } from '../db/bma-schema';

export const siteSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    type: z.enum(siteTypes),
    address: z.string().trim().max(300).optional(),
    areaM2: z.number().int().min(1).max(10_000_000).describe('Gross floor area in m²'),
    floors: z.number().int().min(1).max(300),
    occupants: z.number().int().min(0).max(1_000_000).optional(),
    sleepingOccupants: z.boolean().optional().describe('People sleep there (defaults from the site type)'),
    connectedToFireBrigade: z.boolean().default(false).describe('Alarms go to the fire brigade'),
  })
  .strict() satisfies z.ZodType<Site>;

export const findingSchema = z
  .object({
    text: z.string().trim().min(1).max(2_000).describe('What was found, in plain words'),
    itemId: z.string().max(64).optional().describe('The checklist item it concerns, when known'),
    location: z.string().trim().max(200).optional(),
    severity: z.enum(severities).optional().describe("Overrides the item's severity"),
  })
  .strict() satisfies z.ZodType<Finding>;

export const auditInputSchema = z
  .object({
    site: siteSchema,
    findings: z.array(findingSchema).max(200).default([]),
    customer: z.string().trim().max(200).optional(),
    engagementId: z.uuid().optional(),
    wording: z
      .enum(['rules', 'llm'])
      .default('rules')
      .describe('llm: the summary is worded by the model (rules are the fallback)'),
  })
  .strict();

export type AuditInput = z.output<typeof auditInputSchema>;
