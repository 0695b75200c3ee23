/** The routing policy: schema, shipped profiles, import/export. Pure. */
export * from './schema';
export * from './profiles';
export * from './io';
