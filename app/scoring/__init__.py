"""Pure domain rules of PermenPANRB 6/2022 and the legacy PP 46/2011 calculator.

Nothing here touches a database, a file, Qt or the clock: every function takes plain values
(``as_of`` dates included) and returns frozen dataclasses that carry an Indonesian explanation of
how the result was derived, so any ASN can see why. Decimals are rounded half up to two places.
See ``../shared/design/domain.md`` §3 for the rules and their sources.
"""
