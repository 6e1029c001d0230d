import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** The directory's coded errors; the problem-details filter turns them into problem+json. */
export class OrganizationException extends AppException {
  static notFound(): OrganizationException {
    return new OrganizationException(
      HttpStatus.NOT_FOUND,
      'organization_not_found',
      'Organization not found',
      'No organisation has this id',
    );
  }

  static duplicate(): OrganizationException {
    return new OrganizationException(
      HttpStatus.CONFLICT,
      'organization_duplicate',
      'Organization already exists',
      'An organisation of this kind with this name already exists in this region',
      [{ field: 'name', message: 'is already used by an organisation of the same kind and region' }],
    );
  }

  /** Name, kind and region of regions, provinces and municipalities come from ISTAT data only. */
  static referenceFieldsReadOnly(fields: string[]): OrganizationException {
    return new OrganizationException(
      HttpStatus.CONFLICT,
      'organization_reference_read_only',
      'Reference data is read-only',
      `This organisation comes from the ISTAT reference data: ${fields.join(', ')} cannot be changed`,
      fields.map((field) => ({
        field,
        message: 'comes from the ISTAT reference data and cannot be changed',
      })),
    );
  }
}
