import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { NotificationEntity } from './notification.entity';
import { NotificationMailer } from './notification-mailer';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationRepository } from './notification.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** Notifications of every capability: in-app, live, and by e-mail (immediate or daily digest). */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity]), MailModule],
  controllers: [NotificationsController, NotificationPreferencesController],
  providers: [NotificationRepository, NotificationsService, NotificationMailer],
  exports: [NotificationsService, NotificationMailer],
})
export class NotificationsModule {}
