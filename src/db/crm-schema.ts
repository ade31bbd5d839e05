// The CRM's D1 tables (leads, lead events, search index). Generated into migrations/d1 with
// `npm run db:generate`.
export {};
