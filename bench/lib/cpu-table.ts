// Where the CPU went during each measurement, as a markdown table (see cpu.ts for the columns),
// with workerd's CPU time per request derived from its share and the request rate.
import { cores, markdownTable, ms } from './format.ts';
import type { Measurement } from './load.ts';

export interface CpuRow {
  label: string;
  connections: number;
  measurement: Measurement;
}

export function cpuTable(rows: CpuRow[]): string {
  const header = [
    'Run',
    'Conns',
    'Busy before',
    'workerd',
    'Benchmark process',
    'Load client',
    'Interrupts',
    'Other',
    'workerd CPU ms / request',
  ];
  const cells = rows.map(({ label, connections, measurement }) => {
    const { before, workerd, runner, client, interrupts, other } = measurement.cores;
    // Under a hundredth of a core, workerd had no part in serving the request.
    const served = workerd !== undefined && workerd >= 0.01;
    const perRequest = served ? ms((workerd * 1000) / measurement.requestsPerSecond) : '–';
    return [label, String(connections), ...[before, workerd, runner, client, interrupts, other].map(cores), perRequest];
  });
  return markdownTable(header, cells, [false, ...Array<boolean>(header.length - 1).fill(true)]);
}
