export * from './notifications.module';
export * from './services/mailer.service';
export * from './services/notice.service';
export * from './templates/email-templates';
export * from './templates/notice-templates';
