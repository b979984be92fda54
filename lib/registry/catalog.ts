/**
 * The catalog: every module we offer, registered once. Factories build into a TenantContext.
 */
import { z } from 'zod';
import { ModuleRegistry, ModuleUse } from './registry';
import { TenantContext } from './context';

export const CATALOG = new ModuleRegistry<TenantContext>();

/** What a tenant gets when its configuration lists no modules. */
export const DEFAULT_TENANT_MODULES: Record<'dedicated' | 'pooled', readonly ModuleUse[]> = {
  dedicated: [],
  pooled: [],
};

export const noInputs = z.strictObject({});
