import { beforeAll, describe, expect, it } from 'vitest';
import { newLead } from '../crm/crm-helpers';
import type { ErrorShape } from '../helpers/fetch';
import { createKey } from '../helpers/keys';
import {
  api,
  created,
  type Enrolment,
  marker,
  newSegment,
  newSequence,
  type Send,
  type Sequence,
} from './sales-helpers';

let operatorKey = '';
let readonlyKey = '';

beforeAll(async () => {
  operatorKey = await createKey('operator');
  readonlyKey = await createKey('readonly');
});

const steps = [
  { subject: 'Hello {{firstName}}', body: 'Hi {{firstName}} at {{company}}.', delayHours: 0 },
  { subject: 'Following up', body: 'Still there?', delayDays: 2, delayHours: 6 },
];

interface EnrolResult {
  enrolled: string[];
  alreadyEnrolled: string[];
  suppressed: string[];
  unknown: string[];
}

describe('happy', () => {
  it('creates a sequence with delays in hours and days, and reads it back', async () => {
    const segment = await newSegment(operatorKey, { minScore: 0 });
    const sequence = await newSequence(operatorKey, segment.id, steps);
    expect(sequence.status).toBe('active');
    expect(sequence.steps.map((step) => step.delayHours)).toEqual([0, 54]);
    const read = await created<Sequence>(api(`/api/sales/sequences/${sequence.id}`, operatorKey), 200);
    expect(read).toEqual(sequence);
    const paused = await created<Sequence>(
      api(`/api/sales/sequences/${sequence.id}`, operatorKey, { method: 'PUT', json: { status: 'paused' } }),
      200,
    );
    expect(paused.status).toBe('paused');
  });

  it('enrols every matching lead once, then named leads, and shows per-lead status', async () => {
    const tag = marker('enrol');
    const first = await newLead(operatorKey, { company: `${tag} One` });
    const second = await newLead(operatorKey, { company: `${tag} Two` });
    const outsider = await newLead(operatorKey, { company: 'Unrelated' });
    const segment = await newSegment(operatorKey, { companies: [tag] });
    const sequence = await newSequence(operatorKey, segment.id, steps);
    const enrol = () => api(`/api/sales/sequences/${sequence.id}/enrol`, operatorKey, { method: 'POST', json: {} });
    expect(await created<{ enrolled: number }>(enrol(), 200)).toEqual({ enrolled: 2 });
    expect(await created<{ enrolled: number }>(enrol(), 200)).toEqual({ enrolled: 0 });
    const named = await created<EnrolResult>(
      api(`/api/sales/sequences/${sequence.id}/enrol`, operatorKey, {
        method: 'POST',
        json: { leadIds: [first.id, outsider.id, crypto.randomUUID()] },
      }),
      200,
    );
    expect(named.enrolled).toEqual([outsider.id]);
    expect(named.alreadyEnrolled).toEqual([first.id]);
    expect(named.unknown).toHaveLength(1);
    const members = await created<{ items: Enrolment[] }>(
      api(`/api/sales/sequences/${sequence.id}/leads`, operatorKey),
      200,
    );
    expect(members.items.map((item) => item.leadId).sort()).toEqual([first.id, second.id, outsider.id].sort());
    expect(members.items.every((item) => item.status === 'active' && item.nextStep === 0)).toBe(true);
    const replied = await created<Enrolment>(
      api(`/api/sales/sequences/${sequence.id}/leads/${second.id}`, operatorKey, {
        method: 'PUT',
        json: { status: 'replied' },
      }),
      200,
    );
    expect(replied.status).toBe('replied');
    const perLead = await created<{ sequences: Enrolment[]; sends: Send[] }>(
      api(`/api/sales/leads/${second.id}`, operatorKey),
      200,
    );
    expect(perLead.sequences).toMatchObject([{ sequenceId: sequence.id, status: 'replied' }]);
    expect(perLead.sends).toEqual([]);
  });
});

describe('errors', () => {
  it('refuses unknown placeholders, bad delays, empty steps and an unknown segment', async () => {
    const segment = await newSegment(operatorKey, { minScore: 0 });
    const bad = [
      { segmentId: segment.id, steps: [{ subject: 'Hi {{ceoSalary}}', body: 'b' }] },
      { segmentId: segment.id, steps: [{ subject: 's', body: 'b', delayHours: -1 }] },
      { segmentId: segment.id, steps: [] },
      { segmentId: segment.id, steps: [{ subject: 's', body: 'b', sendAt: 'now' }] },
      { segmentId: segment.id, steps: [{ subject: 's', body: 'b', personalise: 'x'.repeat(501) }] },
      { segmentId: crypto.randomUUID(), steps: [{ subject: 's', body: 'b' }] },
    ];
    for (const body of bad) {
      const response = await api('/api/sales/sequences', operatorKey, {
        method: 'POST',
        json: { name: marker('bad'), ...body },
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as ErrorShape).error.code).toBe('invalid_request');
    }
  });

  it('answers 404 for an unknown sequence or a lead not in it, 409 for a duplicate name', async () => {
    const segment = await newSegment(operatorKey, { minScore: 0 });
    const sequence = await newSequence(operatorKey, segment.id, steps);
    expect((await api(`/api/sales/sequences/${crypto.randomUUID()}`, operatorKey)).status).toBe(404);
    const status = await api(`/api/sales/sequences/${sequence.id}/leads/${crypto.randomUUID()}`, operatorKey, {
      method: 'PUT',
      json: { status: 'replied' },
    });
    expect(status.status).toBe(404);
    const again = await api('/api/sales/sequences', operatorKey, {
      method: 'POST',
      json: { name: sequence.name, segmentId: segment.id, steps },
    });
    expect(again.status).toBe(409);
    expect((await api(`/api/sales/sequences/${sequence.id}`, operatorKey, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/sales/sequences/${sequence.id}`, operatorKey)).status).toBe(404);
  });
});

describe('security', () => {
  it('needs owner or operator to write and a key to read', async () => {
    const segment = await newSegment(operatorKey, { minScore: 0 });
    const write = await api('/api/sales/sequences', readonlyKey, {
      method: 'POST',
      json: { name: marker('x'), segmentId: segment.id, steps },
    });
    expect(write.status).toBe(403);
    expect((await api('/api/sales/sends', undefined)).status).toBe(401);
    expect((await api(`/api/sales/leads/${crypto.randomUUID()}`, undefined)).status).toBe(401);
  });

  it('cannot set a status that is not a manual one (unsubscribed is only by the link)', async () => {
    const segment = await newSegment(operatorKey, { minScore: 0 });
    const sequence = await newSequence(operatorKey, segment.id, steps);
    const lead = await newLead(operatorKey);
    await api(`/api/sales/sequences/${sequence.id}/enrol`, operatorKey, {
      method: 'POST',
      json: { leadIds: [lead.id] },
    });
    const response = await api(`/api/sales/sequences/${sequence.id}/leads/${lead.id}`, operatorKey, {
      method: 'PUT',
      json: { status: 'unsubscribed' },
    });
    expect(response.status).toBe(400);
  });
});
