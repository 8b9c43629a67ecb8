export * from './notifications.module';
export * from './services/mailer.service';
export * from './templates/email-templates';
