/**
 * The built-in demo: what `npm run synth` builds when HIPAA_CONFIG is not set. Three accounts (a
 * security account and two workload accounts that hold two tenant VPCs each), three dedicated
 * tenants with one declared peering, and a pool of three tenants. Account ids are placeholders.
 */
import { HipaaConfigInput } from './schema';

export const DEMO_CONFIG: HipaaConfigInput = {
  organization: 'examplehealth',
  environment: 'prod',
  homeRegion: 'us-east-1',
  backend: { type: 'local' },
  alarms: { email: ['security@example.com'] },
  network: { supernet: '10.0.0.0/8', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: 3 },
  accounts: [
    { name: 'security', id: '111111111111', purpose: 'security' },
    { name: 'workloads-a', id: '222222222222', purpose: 'workloads' },
    { name: 'workloads-b', id: '333333333333', purpose: 'workloads' },
  ],
  pools: [{ id: 'shared', account: 'workloads-b' }],
  tenants: [
    { id: 'acme', mode: 'dedicated' },
    { id: 'globex', mode: 'dedicated', peers: [{ tenant: 'acme', ports: [443] }] },
    { id: 'initech', mode: 'dedicated' },
    { id: 'umbrella', mode: 'pooled', pool: 'shared' },
    { id: 'hooli', mode: 'pooled', pool: 'shared' },
    { id: 'stark', mode: 'pooled', pool: 'shared' },
  ],
};
