import { z } from 'zod';
import { severities, siteTypes } from '../db/bma-schema';

export const categories = [
  'planning',
  'design',
  'detectors',
  'alarm_organisation',
  'maintenance',
  'operation',
  'documentation',
] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

/** Which sites an item concerns; every condition given must hold. */
const appliesToSchema = z
  .object({
    site_types: z.array(z.enum(siteTypes)).min(1).optional(),
    min_area_m2: z.number().int().min(0).optional(),
    min_floors: z.number().int().min(1).optional(),
    min_occupants: z.number().int().min(0).optional(),
    sleeping_occupants: z.boolean().optional(),
    connected_to_fire_brigade: z.boolean().optional(),
  })
  .strict();

export const knowledgeItemSchema = z
  .object({
    id: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,63}$/, 'must be 3-64 of A-Z, 0-9 and -'),
    category: z.enum(categories),
    requirement: text(1_000),
    norm: text(300),
    severity: z.enum(severities),
    applies_to: appliesToSchema.optional(),
    keywords: z.array(text(60)).max(40).default([]),
    suggestion: text(600),
  })
  .strict();

export const knowledgeFileSchema = z
  .object({
    norms: z.array(z.object({ id: text(60), title: text(300) }).strict()).default([]),
    items: z.array(knowledgeItemSchema).min(1),
  })
  .strict();

export type KnowledgeItem = z.output<typeof knowledgeItemSchema> & { file: string };
export type KnowledgeNorm = { id: string; title: string; file: string };
