class ServiceError(Exception):
    """A write was refused for a reason the person can act on; nothing was changed.

    `field` names the form field the message belongs next to, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
