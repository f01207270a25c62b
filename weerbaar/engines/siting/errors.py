"""The one error the siting engine raises for bad input."""


class SitingInputError(ValueError):
    """Input that cannot be solved as given; the message names what is wrong and where."""
