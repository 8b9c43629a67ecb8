export * from './hsds';
export * from './reporting.module';
