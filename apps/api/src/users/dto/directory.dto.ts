import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsStorableText } from '../../common/clean-text.validator';

/** A directory search: part of a name or an address; none lists everyone active (up to the limit). */
export class UserDirectoryQuery {
  @ApiPropertyOptional({ description: 'case-insensitive search in name and email', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  q?: string;
}

/** Someone who can be named as an owner, attendee or approver: who they are, nothing about their access. */
export class DirectoryPersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class UserDirectoryView {
  @ApiProperty({ type: [DirectoryPersonView], description: 'active people by name, at most `limit`' }) items: DirectoryPersonView[];
  @ApiProperty({ description: 'the most the directory answers at once; narrow with q when `truncated`' }) limit: number;
  @ApiProperty({ description: 'more people matched than were listed' }) truncated: boolean;
}
