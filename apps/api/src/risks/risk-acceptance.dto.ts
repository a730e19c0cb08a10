import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsStorableText } from '../common/clean-text.validator';

/** Asking for the approval round that accepts a risk above the appetite. */
export class RequestRiskAcceptanceDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 4000,
    description: 'why the residual risk should be accepted rather than treated further; shown to the approvers and kept in the audit trail',
    example: 'Further mitigation would cost more than the exposure; compensating monitoring is in place.',
  })
  @IsString()
  @Length(1, 4000)
  @Matches(/\S/, { message: 'justification must not be blank' })
  @IsStorableText()
  justification: string;
}
