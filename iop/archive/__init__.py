"""The e-archive package of a partnership (FGS 2.0 / E-ARK CSIP and SIP): composed here,
in iop/, because it gathers partnerships, governance and reporting (`package.build_package`)."""
