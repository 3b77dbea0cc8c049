import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { AuthModule } from '@app/auth';
import { PlatformProcessingRecordController, PrivacyNoticePreviewController, RegisterSettingsController } from './register-settings.controller';
import { ProcessingRecordService } from './processing-record.service';
import { PrivacyNoticeController } from './privacy-notice.controller';
import { RegisterSettingsService } from './register-settings.service';
import { PrivacyNoticeService } from './privacy-notice.service';
import { AccessibilityFeedbackController } from './accessibility-feedback.controller';
import { AccessibilityFeedbackService } from './accessibility-feedback.service';
import { PrivacyNoticeRepository } from './privacy-notice.repository';
import { DatabaseModule } from '@app/database';

@Module({
  imports: [DatabaseModule, TenancyModule, AuthModule],
  controllers: [RegisterSettingsController, PrivacyNoticePreviewController, PlatformProcessingRecordController, PrivacyNoticeController, AccessibilityFeedbackController],
  providers: [RegisterSettingsService, PrivacyNoticeService, ProcessingRecordService, AccessibilityFeedbackService, PrivacyNoticeRepository],
  exports: [RegisterSettingsService, PrivacyNoticeService, ProcessingRecordService],
})
export class PrivacyNoticeModule {}
