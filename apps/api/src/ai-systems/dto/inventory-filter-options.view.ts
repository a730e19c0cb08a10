import { ApiProperty } from '@nestjs/swagger';

export class InventoryOwnerOptionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ description: 'systems they are accountable for' }) systems: number;
}

export class InventoryBusinessUnitOptionView {
  @ApiProperty() name: string;
  @ApiProperty() systems: number;
}

/** The values the inventory can be filtered by, from the systems the caller may see. */
export class InventoryFilterOptionsView {
  @ApiProperty({ type: [InventoryOwnerOptionView], description: 'accountable owners, by name' }) owners: InventoryOwnerOptionView[];
  @ApiProperty({ type: [InventoryBusinessUnitOptionView], description: 'business units, alphabetically' }) businessUnits: InventoryBusinessUnitOptionView[];
}
