import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class SignInLinkRequestDto {
  @ApiProperty({ example: 'olga.owner@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @Length(3, 254)
  email: string;

  @ApiPropertyOptional({
    example: '/tasks/0b6c4a8e-5f1d-4c3b-9a7e-2d8f1e4c6b5a',
    description: 'where to go after signing in: a path of this application; anything else (another site, "//host") becomes "/"',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  returnTo?: string;
}

export class SignInLinkAcceptedView {
  @ApiProperty({ example: 'If this address belongs to an active account, a sign-in link is on its way.' })
  message: string;
}
