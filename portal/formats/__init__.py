"""The portal's date formats (``FORMAT_MODULE_PATH``): one Danish style on every page.

Only the formats named here are the portal's own; everything else (numbers, input formats)
falls through to Django's locale files.
"""
