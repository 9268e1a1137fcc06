class DomainError(Exception):
    """A rule of the platform refused the change; the message is meant for the person."""


class PermissionRefused(DomainError):
    pass


class InvitationInvalid(DomainError):
    pass
